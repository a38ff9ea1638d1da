"""One screen among many: what lets a hall see, steer and synchronise its screens from one place."""
