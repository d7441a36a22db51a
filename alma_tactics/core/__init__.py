"""The rules engine: grid, units, sight, light, actions and events. No pygame, no files,
no clock and no global random here: everything is a function of the state.
"""
