"""One screen alone all day: hot reload, opening hours, keeping the display awake, logs,
heartbeat and the supervisor, memory kept flat."""
