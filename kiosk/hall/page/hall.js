// The hall page: one tile per screen, refreshed every two seconds from the hall server.
"use strict";

const POLL_MS = 2000;
const tiles = new Map();  // name -> tile element
let token = localStorage.getItem("kioskHallToken") || "";

function headers() {
  return token ? { Authorization: "Bearer " + token } : {};
}

async function call(url, options = {}) {
  const response = await fetch(url, { ...options, headers: headers() });
  if (response.status === 401) {
    token = prompt("Token for the hall page:") || "";
    localStorage.setItem("kioskHallToken", token);
  }
  return response;
}

function ageText(seconds) {
  if (seconds === null) return "never answered";
  return seconds < 60 ? `last contact ${seconds.toFixed(0)} s ago` : `last contact ${(seconds / 60).toFixed(0)} min ago`;
}

function makeTile(screen) {
  const tile = document.getElementById("tile").content.firstElementChild.cloneNode(true);
  tile.dataset.name = screen.name;
  tile.querySelector(".name").textContent = screen.name;
  for (const button of tile.querySelectorAll("button")) {
    button.addEventListener("click", () => command(tile, button.dataset.verb, button.dataset.value || ""));
  }
  document.getElementById("tiles").appendChild(tile);
  tiles.set(screen.name, tile);
  return tile;
}

async function command(tile, verb, value) {
  const name = encodeURIComponent(tile.dataset.name);
  const query = value ? `?value=${encodeURIComponent(value)}` : "";
  const response = await call(`/hall/screens/${name}/${verb}${query}`, { method: "POST" });
  const body = await response.json();
  tile.querySelector(".answer").textContent = response.ok
    ? `${verb}: OK, now ${body.slide.id}`
    : `${verb}: ${body.error}`;
  refresh();
}

async function showScreenshot(tile, screen) {
  if (!screen.screenshot_at || tile.dataset.shotAt === String(screen.screenshot_at)) return;
  const response = await call(`/hall/screens/${encodeURIComponent(screen.name)}/screenshot`);
  if (!response.ok) return;
  const img = tile.querySelector(".shot");
  const old = img.src;
  img.src = URL.createObjectURL(await response.blob());
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  tile.dataset.shotAt = String(screen.screenshot_at);
}

function update(screen) {
  const tile = tiles.get(screen.name) || makeTile(screen);
  tile.classList.toggle("down", !screen.answering);
  tile.querySelector(".group").textContent = screen.group || "no group";
  tile.querySelector(".slide").textContent = screen.slide
    ? screen.slide + (screen.number ? ` (${screen.number})` : "")
    : "–";
  tile.querySelector(".state").textContent = screen.answering ? screen.state : "not answering";
  tile.querySelector(".contact").textContent =
    ageText(screen.last_contact_age_s) + (screen.answering ? "" : ` – ${screen.error}`);
  tile.dataset.slide = screen.slide || "";
  return showScreenshot(tile, screen);
}

async function refresh() {
  try {
    const response = await call("/hall/screens");
    if (!response.ok) return;
    const { screens } = await response.json();
    await Promise.all(screens.map(update));
    const down = screens.filter((s) => !s.answering).length;
    document.getElementById("summary").textContent =
      `${screens.length} screens, ${down ? down + " not answering" : "all answering"}`;
  } catch (error) {
    document.getElementById("summary").textContent = "the hall server does not answer: " + error;
  }
}

refresh();
setInterval(refresh, POLL_MS);
