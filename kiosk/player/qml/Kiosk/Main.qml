pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Window

// The show's window: the slides, the progress strip and the blackout curtain.
// Everything here follows `show` (the Python controller); nothing here decides.
Window {
    id: root

    required property QtObject show
    required property var slides
    required property var theme
    // false for `render` and `check`: slides appear in their final state at once
    property bool animate: true

    readonly property bool portrait: height > width
    // One unit is one pixel on a 1920x1080 landscape or 1080x1920 portrait screen.
    readonly property real unit: portrait ? Math.min(width / 1080, height / 1920)
                                          : Math.min(width / 1920, height / 1080)
    readonly property real margin: 88 * unit

    width: 1920
    height: 1080
    color: theme.background
    title: show.title

    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: root.theme.backgroundTop }
            GradientStop { position: 1.0; color: root.theme.background }
        }
    }

    Repeater {
        id: slideRepeater
        objectName: "slides"
        model: root.slides

        SlideView {
            width: root.width
            height: root.height
            show: root.show
            theme: root.theme
            unit: root.unit
            margin: root.margin
            portrait: root.portrait
            animate: root.animate
        }
    }

    ProgressStrip {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        show: root.show
        theme: root.theme
        unit: root.unit
        margin: root.margin
        animate: root.animate
    }

    Rectangle {
        objectName: "blackout"
        anchors.fill: parent
        color: "black"
        opacity: root.show.dark ? 1 : 0
        visible: opacity > 0
        Behavior on opacity { NumberAnimation { duration: root.animate ? 300 : 0 } }
    }
}
