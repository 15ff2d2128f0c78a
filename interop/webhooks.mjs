// Standard Webhooks signatures through the reference JavaScript implementation (the npm package
// `standardwebhooks`), run by StandardWebhooksInteropIT against Veridict's signer and verifier
// (io.veridict.webhooks.sign, docs/webhooks.md).
//
// Reads one JSON object from stdin:
//   {"secret": "whsec_...", "id": "msg_...", "timestamp": <seconds since the epoch>,
//    "body": "<text, signed as UTF-8>" | "body_base64": "<any bytes>",
//    "signature_header": "v1,... v1,..."}
//
//   node webhooks.mjs verify   verifies signature_header with new Webhook(secret).verify(...);
//                              prints "ok" (exit 0) or "error: <the library's message>" (exit 1).
//                              The library checks the timestamp against this machine's clock
//                              (5 minutes either way), so use a timestamp near now.
//   node webhooks.mjs sign     signs with the library and prints the webhook-signature header.
//
// Without an argument, the mode is "verify" when signature_header is given, "sign" otherwise.
// Bad input exits 2 with the reason on stderr.
import standardwebhooks from 'standardwebhooks';

const { Webhook, WebhookVerificationError } = standardwebhooks;

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};

const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

let input;
try {
  input = JSON.parse(await readStdin());
} catch (e) {
  fail(`stdin is not one JSON object: ${e.message}`);
}
const mode = process.argv[2] ?? ('signature_header' in input ? 'verify' : 'sign');
if (mode !== 'verify' && mode !== 'sign') fail(`unknown mode ${mode}: use verify or sign`);
if (typeof input.secret !== 'string') fail('secret (a string) is required');
if (typeof input.id !== 'string') fail('id (a string) is required');
if (!Number.isSafeInteger(input.timestamp)) fail('timestamp (an integer number of seconds) is required');

let body;
if (typeof input.body_base64 === 'string') {
  body = new Uint8Array(Buffer.from(input.body_base64, 'base64'));
} else if (typeof input.body === 'string') {
  body = input.body;
} else {
  fail('body (a string) or body_base64 is required');
}

const webhook = new Webhook(input.secret);

if (mode === 'sign') {
  process.stdout.write(`${webhook.sign(input.id, new Date(input.timestamp * 1000), body)}\n`);
} else {
  if (typeof input.signature_header !== 'string') fail('signature_header (a string) is required');
  const headers = {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': input.signature_header,
  };
  try {
    // Only the signature is in question here: the body need not be JSON.
    webhook.verify(body, headers, { jsonParse: false });
    process.stdout.write('ok\n');
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    process.stdout.write(`error: ${e.message}\n`);
    process.exitCode = 1;
  }
}
