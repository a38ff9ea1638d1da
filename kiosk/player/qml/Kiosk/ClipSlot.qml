import QtQuick

// Where a slide's clip is drawn, over its poster. The player is made by Python; the view that
// draws it (ClipView.qml, QtMultimedia) is only loaded when there is one, so the show also runs
// without PySide6-Addons. Shown while a frame is ready, or held at the clip's end.
Item {
    id: slot

    required property var player
    required property string clipState
    required property bool fill

    Loader {
        id: loader
        objectName: "clip"
        anchors.fill: parent
        visible: slot.clipState === "ready" || slot.clipState === "ended"
        Component.onCompleted: {
            if (slot.player)
                loader.setSource("ClipView.qml", { player: slot.player, fill: slot.fill })
        }
    }
}
