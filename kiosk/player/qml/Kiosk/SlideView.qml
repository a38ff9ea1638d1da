pragma ComponentBehavior: Bound

import QtQuick

// One slide of the Repeater: picks the layout, and fades or pushes in when it becomes current.
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
    required property var figures
    required property string imageUrl
    required property string imageState

    property QtObject show
    property var theme
    property real unit: 1
    property real margin: 88
    property bool portrait: false
    property bool animate: true

    readonly property bool current: index === show.currentIndex
    readonly property int duration: animate ? show.transitionMs : 0

    readonly property bool pushing: show.transition === "push"

    objectName: "slide-" + slideId
    opacity: current || pushing ? 1 : 0
    // a pushed slide is drawn while any part of it is on the screen
    visible: pushing ? Math.abs(x) < width - 0.5 : opacity > 0
    x: pushing && !current
       ? (index < show.currentIndex ? -width : width) : 0

    Behavior on opacity {
        enabled: !view.pushing
        NumberAnimation { duration: view.duration; easing.type: Easing.InOutQuad }
    }
    Behavior on x {
        NumberAnimation { duration: view.duration; easing.type: Easing.OutCubic }
    }

    // every slide's view is built once and kept: nothing is created or destroyed while the
    // show runs (flat memory); views off screen are not drawn
    Loader {
        anchors.fill: parent
        sourceComponent: view.layout === "highlight" ? highlight : titled
    }

    Component {
        id: titled
        TitleSlide { slide: view }
    }
    Component {
        id: highlight
        HighlightSlide { slide: view }
    }
}
