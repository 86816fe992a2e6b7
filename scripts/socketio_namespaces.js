// Loaded into Frappe's realtime server (node --require, from the bench's directory) by scripts/demo-site and
// scripts/browser-check: a site's socket.io namespace is kept once made, as socket.io keeps namespaces by
// default, instead of being closed whenever its last browser leaves (Frappe 15 and 16 turn on socket.io's
// cleanupEmptyChildNamespaces).
//
// Why: a browser's socket joins its namespace only after Frappe's authentication middleware has asked the
// site who it is (an HTTP round trip). When a page is loaded again on a site with nobody else connected, the
// old page's socket leaves during that round trip: the namespace is emptied and closed, the new socket is
// then added to the closed one, and every event published afterwards goes to a fresh namespace the browser
// is not in. The desk says it is connected and never hears a thing (no progress bar, no "N scorecards
// made", no live bell) until the next full reload. Busy sites seldom empty their namespace; the demo and the
// browser journeys, one browser at a time, do it on every page load.
const path = require("node:path");

const socketio = require(require.resolve("socket.io", { paths: [path.resolve("apps/frappe")] }));
const { Server } = socketio;

class ServerKeepingNamespaces extends Server {
	constructor(server, options = {}) {
		super(server, { ...options, cleanupEmptyChildNamespaces: false });
	}
}

socketio.Server = ServerKeepingNamespaces;
