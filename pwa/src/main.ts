// Entry point: start the app and register the service worker that keeps the shell
// available offline.

import { start } from "./app";
import "./meetings"; // Möten: its place in the bottom bar and its screens
// Features register their places, routes and Idag blocks before the app starts.
import "./samspel/register";
import "./notes/register";
import "./opposition"; // Oppositionen: Dragningar and Frågor, and the parity summary under Mer
import "./export"; // Exportera under Mer, or the administrator's Export: the screen loads on first use
import "./admin"; // the administrator's Personer, Inbjudningar and Logg

start();

if ("serviceWorker" in navigator) {
  // After load, so installing the worker (which downloads the shell again to cache it)
  // does not compete with the first render.
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {
      // Without a worker the app still works online; nothing for the person to do.
    });
  });
}
