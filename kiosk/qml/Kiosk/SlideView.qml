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
    // neighbours are built ahead (but not drawn) so a key press only has to show them
    readonly property bool near: {
        const distance = Math.abs(index - show.currentIndex)
        return distance <= 1 || distance === show.count - 1
    }
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

    Loader {
        anchors.fill: parent
        active: view.near || view.visible
        sourceComponent: view.layout === "cover" ? cover
                       : view.layout === "closing" ? closing : highlight
    }

    Component {
        id: cover
        CoverSlide { slide: view }
    }
    Component {
        id: highlight
        HighlightSlide { slide: view }
    }
    Component {
        id: closing
        ClosingSlide { slide: view }
    }
}
