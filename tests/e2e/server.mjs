// Serves the fixture pages over HTTPS under the real site hostnames, so the
// shipped manifest's content-script matches are what the tests exercise. The
// browsers map these hosts to 127.0.0.1 and accept the throwaway certificate.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, "..", "..");
const SITES = path.join(ROOT, "tests", "fixtures", "sites");
const SHARED = path.join(ROOT, "tests", "fixtures", "shared");
const BUNDLES = path.join(ROOT, "tests", "fixtures", "build");
const CERTS = path.join(ROOT, "tests", ".certs");

/** Every host a fixture is served under (the folders of tests/fixtures/sites). */
export const HOSTS = fs.readdirSync(SITES).filter((d) => fs.statSync(path.join(SITES, d)).isDirectory()).sort();

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml" };

// A strict CSP like the real sites send: page scripts only from the page's origin.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

function certificate() {
  const key = path.join(CERTS, "key.pem");
  const cert = path.join(CERTS, "cert.pem");
  const stamp = path.join(CERTS, "hosts.txt");
  const wanted = HOSTS.join(",");
  const fresh = fs.existsSync(cert) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === wanted &&
    Date.now() - fs.statSync(cert).mtimeMs < 24 * 3600 * 1000;
  if (!fresh) {
    fs.mkdirSync(CERTS, { recursive: true });
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rapport-fixtures",
      "-addext", `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(",")}`, "-keyout", key, "-out", cert], { stdio: "ignore" });
    fs.writeFileSync(stamp, wanted);
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

function resolveFile(host, urlPath) {
  const clean = decodeURIComponent(urlPath.split("?")[0]);
  let base = path.join(SITES, host);
  let rel = clean;
  if (clean.startsWith("/__shared/")) { base = SHARED; rel = clean.slice("/__shared".length); }
  else if (clean.startsWith("/__build/")) { base = BUNDLES; rel = clean.slice("/__build".length); }
  else if (clean.startsWith("/__site/")) {
    // Another host's fixture served here (e.g. under a host no content script matches).
    const [, , other, ...rest] = clean.split("/");
    if (!HOSTS.includes(other)) return null;
    base = path.join(SITES, other);
    rel = `/${rest.join("/")}`;
  }
  let file = path.join(base, rel);
  if (!file.startsWith(base)) return null;
  // "/feed" is feed.html even where a "feed/" folder holds deeper pages ("/feed/update/…").
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = fs.existsSync(`${file}.html`) && !clean.endsWith("/") ? `${file}.html` : path.join(file, "index.html");
  if (!fs.existsSync(file) && !path.extname(file)) file += ".html";
  return fs.existsSync(file) ? file : null;
}

/** Starts the server on 127.0.0.1:443; resolves to { close, hosts, hits } (hits: every { host, path } requested). */
export async function startFixtureServer({ port = 443 } = {}) {
  const hits = [];
  const server = https.createServer(certificate(), (req, res) => {
    const host = (req.headers.host || "").split(":")[0];
    hits.push({ host, path: req.url });
    const file = HOSTS.includes(host) ? resolveFile(host, req.url) : null;
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    // "?csp=off" serves a page without the CSP, so a payload the extension let
    // run would not be stopped by the page's policy (50-xss).
    const headers = { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-store" };
    if (!/[?&]csp=off(&|$)/.test(req.url)) headers["content-security-policy"] = CSP;
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return { hosts: HOSTS, port, hits, close: () => new Promise((r) => server.close(r)) };
}
