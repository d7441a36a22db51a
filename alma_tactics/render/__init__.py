"""Drawing a state as one side knows it.

`text` needs nothing but the core (the headless demo and tests). The pygame-ce
renderer lives beside it, imported on demand so the core and the text board never
need pygame:

- `camera.Camera`: the grid <-> pixel layout (pan, zoom levels 0.5..2);
- `board.BoardRenderer`: terrain, light and fog, objects, smoke, ghosts, units, the
  screen's `overlay.Overlay`; also the minimap and the scenario list's thumbnail. It
  fills a `board_frame.BoardFrame` each frame and hands it to the layers:
  `terrain_chunks` (cached terrain chunks), `fog` (light and fog shading),
  `objects_layer`, `units_layer`, `overlay_layer`, `minimap`, with `shapes` (dashed
  lines and markers) shared between them;
- `animations.Animator`: events played back as animations, only what a side saw or
  heard;
- `snapshot`: pictures without a screen (`alma-tactics render`);
- `sprites`, `palette`, `sideview`: the art of assets/art, colours and patterns, and
  what a side knows this frame.
"""
