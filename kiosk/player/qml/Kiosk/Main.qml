pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Window

// The show's window: the slides, the progress strip, the attract line, the overview and the
// blackout curtain.
// Everything here follows `controller` (Python); nothing here decides.
Window {
    id: root

    required property ShowController controller
    required property SlideModel slides
    required property Overview overview
    required property Attract attract
    // false until the first frame is drawn: the first slide's view alone is built for it
    property bool everyView: false

    width: 1920
    height: 1080
    color: Style.background
    title: controller.title

    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: Style.backgroundTop }
            GradientStop { position: 1.0; color: Style.background }
        }
    }

    // the slides, stacked among themselves: the one that became current last is on top
    Item {
        anchors.fill: parent

        Repeater {
            id: slideViews

            property int raised: 0

            objectName: "slides"
            model: root.slides

            SlideView {
                width: root.width
                height: root.height
                controller: root.controller
                wanted: root.everyView
                onPictureDrawnAt: (box, covers) => root.slides.drawPictureAt(index, box.width, box.height, covers)
                onCurrentChanged: if (current) z = ++slideViews.raised
            }
        }
    }

    ProgressStrip {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        controller: root.controller
    }

    AttractLine {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        // on a narrow portrait screen its opaque pill covers the markers while it is up
        attract: root.attract
    }

    OverviewGrid {
        anchors.fill: parent
        overview: root.overview
        slides: root.slides
        slideViews: slideViews
        heading: root.controller.title
                 + (root.controller.titleSecond !== "" ? "   ·   " + root.controller.titleSecond : "")
    }

    Rectangle {
        objectName: "blackout"
        anchors.fill: parent
        color: "black"
        opacity: root.controller.dark ? 1 : 0
        visible: opacity > 0
        Behavior on opacity { NumberAnimation { duration: Style.animate ? 300 : 0 } }
    }
}
