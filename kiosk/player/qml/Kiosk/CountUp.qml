import QtQuick

// The key figures' count-up: one progress from 0 to 1 shared by every figure of a slide,
// out-cubic (fast, then settling), in steps `stepMs` apart (ShowController.countUpStepMs)
// rather than with every frame the screen could draw: one step, one frame, for all the
// figures together.
Timer {
    id: countUp

    required property bool counting
    required property int durationMs
    required property int stepMs
    property real progress: Style.animate ? 0 : 1
    property real startedAt: 0

    function begin() {
        progress = 0
        startedAt = Date.now()
        restart()
    }

    interval: stepMs
    repeat: true

    onCountingChanged: {
        if (counting && Style.animate) {
            begin()
        } else if (!counting) {
            stop()
            progress = Style.animate ? 0 : 1
        }
    }
    Component.onCompleted: if (counting && Style.animate) begin()
    onTriggered: {
        const done = Math.min(1, (Date.now() - startedAt) / Math.max(1, durationMs))
        progress = 1 - Math.pow(1 - done, 3)
        if (done >= 1)
            stop()
    }
}
