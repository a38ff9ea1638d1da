"""What runs at a desk rather than on the wall: check, render, the benchmark, the self-test, and
the offscreen helpers they (and the tests) share."""
