"""Reading a site's state over its REST API as one of its users, outside the browser (for the journeys'
assertions: what the bell holds, a document's state). The standard library only: no selenium, no frappe.

A site served at its name (http://sd-journeys.localhost:8123) is reached on the loopback address with that
name as the Host, as a browser resolves *.localhost."""

import http.client
import json
import urllib.parse
from http.cookies import SimpleCookie


class SiteError(AssertionError):
	pass


class SiteSession:
	def __init__(self, base_url: str, user: str, password: str):
		parts = urllib.parse.urlsplit(base_url)
		self.host, self.port = parts.hostname or "", parts.port or 80
		self.address = "127.0.0.1" if self.host.endswith("localhost") else self.host
		self.host_header = parts.netloc
		self.cookies: dict[str, str] = {}
		self.user = user
		self.request("POST", "/api/method/login", {"usr": user, "pwd": password})

	def request(self, method: str, path: str, form: dict | None = None):
		headers = {"Host": self.host_header, "Accept": "application/json"}
		if self.cookies:
			headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
		body = None
		if form is not None:
			body = urllib.parse.urlencode(form)
			headers["Content-Type"] = "application/x-www-form-urlencoded"
		connection = http.client.HTTPConnection(self.address, self.port, timeout=60)
		try:
			connection.request(method, path, body=body, headers=headers)
			response = connection.getresponse()
			text = response.read().decode("utf-8", "replace")
			for header in response.headers.get_all("Set-Cookie") or []:
				for key, morsel in SimpleCookie(header).items():
					self.cookies[key] = morsel.value
		finally:
			connection.close()
		if response.status != 200:
			raise SiteError(f"{method} {path} as {self.user}: HTTP {response.status} {text[:300]}")
		return json.loads(text) if text else {}

	def get_list(self, doctype: str, filters: list, fields: list[str], limit: int = 500) -> list[dict]:
		query = urllib.parse.urlencode(
			{
				"fields": json.dumps(fields),
				"filters": json.dumps(filters),
				"limit_page_length": limit,
				"order_by": "creation asc",
			}
		)
		return self.request("GET", f"/api/resource/{urllib.parse.quote(doctype)}?{query}")["data"]

	def notices(self, documents: list[str]) -> list[dict]:
		"""The user's own Notification Log (the bell) about `documents`."""
		if not documents:
			return []
		return self.get_list(
			"Notification Log",
			[["for_user", "=", self.user], ["document_name", "in", documents]],
			["document_type", "document_name", "subject", "creation"],
		)
