"""What the visitor sees: the controller that owns the show's state, input, pictures, fonts, the
slide model and the QML views. Knows nothing of files being watched or of other screens."""
