# git recipe for Windows: a screen brings its content folder up to date from the hall's
# repository. Run every two minutes by the scheduled task in kiosk-content-pull-task.xml.
#
# Only fast-forwards (a screen never merges). git writes files in place; the show waits for
# every picture slides.yaml names to be complete before it takes the new content.
#
# Usage: powershell -NoProfile -ExecutionPolicy Bypass -File kiosk-content-pull.ps1 `
#          -Folder C:\kiosk\show [-Remote origin] [-Branch main] [-DryRun]
param(
    [Parameter(Mandatory = $true)][string]$Folder,
    [string]$Remote = "origin",
    [string]$Branch = "",
    [switch]$DryRun
)
$ErrorActionPreference = "Stop"

function Invoke-Git([string[]]$Arguments) {
    if ($DryRun) {
        Write-Output ("git " + ($Arguments -join " "))
        return
    }
    & git @Arguments
    if ($LASTEXITCODE -ne 0) { throw "git $($Arguments -join ' ') failed ($LASTEXITCODE)" }
}

# one pull at a time, even if a slow network makes one overrun the task's interval
$mutex = New-Object System.Threading.Mutex($false, "Global\KioskContentPull")
if (-not $mutex.WaitOne(0)) { Write-Output "another pull is still running; skipped"; exit 0 }
try {
    if (-not $Branch) { $Branch = (& git -C $Folder rev-parse --abbrev-ref HEAD).Trim() }
    $before = (& git -C $Folder rev-parse HEAD).Trim()
    Invoke-Git @("-C", $Folder, "fetch", "--quiet", $Remote, $Branch)
    Invoke-Git @("-C", $Folder, "merge", "--ff-only", "--quiet", "FETCH_HEAD")
    $after = (& git -C $Folder rev-parse HEAD).Trim()
    if ($before -ne $after) { Write-Output "content updated: $($before.Substring(0, 12)) -> $($after.Substring(0, 12))" }
}
finally {
    $mutex.ReleaseMutex()
}
