pragma ComponentBehavior: Bound

import QtQuick

// One slide of the Repeater: picks the layout, and fades or pushes in when it becomes current.
// objectName "slide-<id>" is read by `check` (kiosk/tools/check.py) to find the slide.
Item {
    id: view

    required property int index
    required property string slideId
    required property string layout
    required property int number
    required property string title
    required property string subtitle
    required property string summary
    required property string caption
    required property string note
    required property list<var> figures
    required property string imageUrl
    required property string imageState
    // language_mode both: each text in the second language too ("" in toggle mode)
    required property string titleSecond
    required property string subtitleSecond
    required property string summarySecond
    required property string captionSecond
    required property string noteSecond
    // read more: the QR code's image and its label
    required property string linkCode
    required property string link_label
    required property string link_labelSecond
    required property var clipPlayer
    required property string clipState
    required property ShowController controller
    // built even while not current (Main.qml sets it once the first frame is drawn)
    property bool wanted: false

    readonly property bool current: index === controller.currentIndex
    readonly property int duration: Style.animate ? controller.transitionMs : 0
    readonly property bool pushing: controller.transition === "push"

    // The crossfade: the incoming slide fades in over the outgoing one, which stays opaque
    // beneath it until the fade is over (Main.qml keeps the newest current slide on top). The
    // blend on screen is the same as fading both, but each frame draws one translucent slide
    // instead of two over the window's backdrop: in software, half the pixels to blend.
    property bool leaving: false

    // the view draws the slide's picture into `box` (device pixels), whole or cropped to cover it
    signal pictureDrawnAt(size box, bool covers)

    objectName: "slide-" + slideId
    // a pushed slide is drawn while any part of it is on the screen
    visible: pushing ? Math.abs(x) < width - 0.5 : current || leaving
    x: pushing && !current
       ? (index < controller.currentIndex ? -width : width) : 0

    onCurrentChanged: {
        const fading = !pushing && duration > 0
        if (current && fading) {
            fadeIn.restart()
        } else if (current) {
            fadeIn.stop()
            opacity = 1
        } else if (fading) {
            leaving = true
            leaveTimer.restart()
        }
    }

    NumberAnimation {
        id: fadeIn
        target: view
        property: "opacity"
        from: 0
        to: 1
        duration: view.duration
        easing.type: Easing.InOutQuad
    }
    Timer {
        id: leaveTimer
        interval: view.duration + 50  // the incoming slide's fade has ended
        onTriggered: view.leaving = false
    }
    Behavior on x {
        NumberAnimation { duration: view.duration; easing.type: Easing.OutCubic }
    }

    // the slide's own backdrop (the window's, repeated): a thumbnail taken of this view for
    // the overview then shows the slide as the wall does, not on black
    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: Style.backgroundTop }
            GradientStop { position: 1.0; color: Style.background }
        }
    }

    // every slide's view is built once and kept: nothing is created or destroyed while the
    // show runs (flat memory); views off screen are not drawn. The first slide's is built
    // for the first frame, the others after it in the frames' spare time (asynchronous),
    // at once if one is shown before it is ready.
    Loader {
        anchors.fill: parent
        active: view.current || view.wanted
        asynchronous: !view.current
        sourceComponent: view.layout === "highlight" ? highlight : view.layout === "video" ? video : titled
    }

    Component {
        id: titled
        TitleSlide {
            title: view.title
            subtitle: view.subtitle
            summary: view.summary
            note: view.note
            caption: view.caption
            imageUrl: view.imageUrl
            imageState: view.imageState
            titleSecond: view.titleSecond
            subtitleSecond: view.subtitleSecond
            summarySecond: view.summarySecond
            noteSecond: view.noteSecond
            captionSecond: view.captionSecond
            linkCode: view.linkCode
            linkLabel: view.link_label
            linkLabelSecond: view.link_labelSecond
            clipPlayer: view.clipPlayer
            clipState: view.clipState
            onPictureBoxChanged: view.pictureDrawnAt(pictureBox, pictureCovers)
            Component.onCompleted: view.pictureDrawnAt(pictureBox, pictureCovers)
        }
    }
    Component {
        id: highlight
        HighlightSlide {
            showTitle: view.controller.title
            number: view.number
            title: view.title
            summary: view.summary
            caption: view.caption
            figures: view.figures
            imageUrl: view.imageUrl
            imageState: view.imageState
            counting: (view.current || view.leaving) && !view.controller.dark
            countUpMs: view.controller.countUpMs
            countUpStepMs: view.controller.countUpStepMs
            showTitleSecond: view.controller.titleSecond
            titleSecond: view.titleSecond
            summarySecond: view.summarySecond
            captionSecond: view.captionSecond
            linkCode: view.linkCode
            linkLabel: view.link_label
            linkLabelSecond: view.link_labelSecond
            clipPlayer: view.clipPlayer
            clipState: view.clipState
            onPictureBoxChanged: view.pictureDrawnAt(pictureBox, pictureCovers)
            Component.onCompleted: view.pictureDrawnAt(pictureBox, pictureCovers)
        }
    }
    Component {
        id: video
        VideoSlide {
            caption: view.caption
            imageUrl: view.imageUrl
            imageState: view.imageState
            clipPlayer: view.clipPlayer
            clipState: view.clipState
            onPictureBoxChanged: view.pictureDrawnAt(pictureBox, pictureCovers)
            Component.onCompleted: view.pictureDrawnAt(pictureBox, pictureCovers)
        }
    }
}
