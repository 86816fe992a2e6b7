// Loaded into Frappe's realtime server (node --require) by scripts/demo-site and scripts/browser-check:
// names ending in .localhost resolve to the loopback address, as browsers resolve them (RFC 6761) and as
// systemd-resolved does, where the machine's resolver does not (a container, a bare Debian: "ENOTFOUND").
// Frappe's socket.io server asks the site it serves who a browser is, at the browser's own origin
// (http://sales.localhost:8000/api/method/frappe.realtime.get_user_info): without this the desk served at
// its site name never gets its realtime events there. Every other name is resolved as before.
const dns = require("node:dns");

const resolve = dns.lookup;
const LOCALHOST_NAME = /(^|\.)localhost\.?$/i;

dns.lookup = function lookup(hostname, options, callback) {
	if (typeof hostname !== "string" || !LOCALHOST_NAME.test(hostname)) {
		return resolve.apply(this, arguments);
	}
	if (typeof options === "function") {
		callback = options;
		options = {};
	} else if (typeof options === "number") {
		options = { family: options };
	}
	const family = options && options.family === 6 ? 6 : 4;
	const address = family === 6 ? "::1" : "127.0.0.1";
	if (options && options.all) {
		process.nextTick(callback, null, [{ address, family }]);
	} else {
		process.nextTick(callback, null, address, family);
	}
	return {};
};
