"""The desktop game's screens (pygame-ce + pygame_gui). They read the game through
the match and its events and change it only by submitting actions."""
