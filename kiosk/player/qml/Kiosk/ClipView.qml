import QtQuick
import QtMultimedia

// A clip's frames: the player (owned by Python) draws into this output, which holds the last
// frame when the clip ends instead of going black.
VideoOutput {
    id: output

    // a QMediaPlayer made in Python: QML's MediaPlayer type is a subclass it cannot be cast to
    required property var player
    required property bool fill

    fillMode: fill ? VideoOutput.PreserveAspectCrop : VideoOutput.PreserveAspectFit
    endOfStreamPolicy: VideoOutput.KeepLastFrame
    Component.onCompleted: output.player.videoOutput = output
}
