// Ironhaven's browser client: a terminal over a WebSocket, no libraries.
//
// The driver turns the socket at /ws into an ordinary player connection and
// speaks JSON frames:
//   {"out": text}        text for the terminal (may hold ANSI colour codes)
//   {"echo": false|true} the game wants a secret (password) and back
//   {"charmode": ...}    character-at-a-time input; this client stays line mode
// Each line the player enters goes back as one text frame.
"use strict";

const output = document.getElementById("output");
const input = document.getElementById("input");
const form = document.getElementById("command-line");
const statusText = document.getElementById("status");
const reconnectButton = document.getElementById("reconnect");
const docsLink = document.getElementById("docs");

const MAX_NODES = 4000;       // older output is dropped past this
const MAX_HISTORY = 100;

let socket = null;
let secret = false;           // echo is off: a password is being typed
const history = [];
let historyIndex = 0;         // history.length means "the line being typed"

// ---- Output, with ANSI colours ----

// The current SGR state, kept across frames as a terminal does.
const style = { bold: false, underline: false, fg: null };
// An escape sequence split across two frames waits here.
let pendingEscape = "";

function applySgr(params) {
  const codes = params === "" ? [0] : params.split(";").map(Number);
  for (const code of codes) {
    if (code === 0) { style.bold = false; style.underline = false; style.fg = null; }
    else if (code === 1) style.bold = true;
    else if (code === 4) style.underline = true;
    else if (code === 22) style.bold = false;
    else if (code === 24) style.underline = false;
    else if (code === 39) style.fg = null;
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) style.fg = code;
  }
}

function classesFor() {
  const names = [];
  if (style.bold) names.push("b");
  if (style.underline) names.push("u");
  if (style.fg !== null) names.push("fg" + style.fg);
  return names.join(" ");
}

// Text nodes, never innerHTML: whatever the game sends is shown, not run.
function appendText(text, className) {
  if (text === "") return;
  const atBottom = output.scrollHeight - output.scrollTop - output.clientHeight < 40;
  const span = document.createElement("span");
  if (className) span.className = className;
  span.textContent = text;
  output.appendChild(span);
  while (output.childNodes.length > MAX_NODES) output.removeChild(output.firstChild);
  if (atBottom) output.scrollTop = output.scrollHeight;
}

// Splits game text at escape sequences: SGR ("ESC[...m") changes the style,
// any other control sequence is dropped.
function appendGameText(text) {
  text = (pendingEscape + text).replace(/\r/g, "");
  pendingEscape = "";
  const escape = /\x1b\[([0-9;?]*)([A-Za-z])/g;
  let last = 0;
  let match;
  while ((match = escape.exec(text)) !== null) {
    appendText(text.slice(last, match.index), classesFor());
    if (match[2] === "m") applySgr(match[1]);
    last = escape.lastIndex;
  }
  let rest = text.slice(last);
  const unfinished = rest.lastIndexOf("\x1b");
  if (unfinished >= 0 && /^\x1b(\[[0-9;?]*)?$/.test(rest.slice(unfinished))) {
    pendingEscape = rest.slice(unfinished);
    rest = rest.slice(0, unfinished);
  }
  appendText(rest.replace(/\x1b/g, ""), classesFor());
}

function notice(text) {
  appendText("\n" + text + "\n", "notice");
}

// ---- Input ----

function setSecret(on) {
  secret = on;
  input.type = on ? "password" : "text";
  input.classList.toggle("secret", on);
  input.placeholder = on ? "Password (not shown)" : "Type a command and press Enter";
  input.value = "";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  const line = input.value;
  socket.send(line);
  // A telnet client shows what was typed; so do we, except secrets.
  if (!secret) {
    appendText(line + "\n", "echo");
    if (line !== "" && history[history.length - 1] !== line) {
      history.push(line);
      if (history.length > MAX_HISTORY) history.shift();
    }
  }
  historyIndex = history.length;
  input.value = "";
});

input.addEventListener("keydown", (event) => {
  if (secret || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
  event.preventDefault();
  historyIndex += event.key === "ArrowUp" ? -1 : 1;
  historyIndex = Math.max(0, Math.min(history.length, historyIndex));
  input.value = history[historyIndex] ?? "";
});

// Clicking the output returns to typing, unless text is being selected.
output.addEventListener("mouseup", () => {
  if (!window.getSelection().toString()) input.focus();
});

// ---- Connection ----

function setStatus(text, state) {
  statusText.textContent = text;
  statusText.className = state;
  reconnectButton.hidden = state !== "closed";
}

function handleFrame(data) {
  let frame;
  try {
    frame = JSON.parse(data);
  } catch (err) {
    frame = { out: String(data) };   // plain text: show it as it is
  }
  if (typeof frame.out === "string") appendGameText(frame.out);
  if (typeof frame.echo === "boolean") setSecret(!frame.echo);
  // frame.charmode: ignored; lines are sent whole.
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  setStatus("connecting…", "connecting");
  setSecret(false);
  socket = new WebSocket(scheme + "//" + location.host + "/ws");
  socket.addEventListener("open", () => {
    setStatus("connected", "connected");
    input.focus();
  });
  socket.addEventListener("message", (event) => handleFrame(event.data));
  socket.addEventListener("close", () => {
    setStatus("disconnected", "closed");
    setSecret(false);
    notice("Connection closed.");
    reconnectButton.focus();
  });
}

reconnectButton.addEventListener("click", connect);

// The game writes its API's port to api.json once the API is listening.
async function findApiDocs() {
  try {
    const answer = await fetch("api.json", { cache: "no-store" });
    if (!answer.ok) return;
    const info = await answer.json();
    if (!Number.isInteger(info.port) || info.port <= 0) return;
    docsLink.href = location.protocol + "//" + location.hostname + ":" + info.port + "/docs";
    docsLink.hidden = false;
  } catch (err) {
    // No API: no link.
  }
}

connect();
findApiDocs();
