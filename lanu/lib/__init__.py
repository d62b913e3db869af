"""Small pure helpers, each tested on its own."""
