"""Drawing a state as one side knows it. `text` needs nothing but the core; the pygame
renderer lives beside it."""
