// Interoperability check run by NodeInteropIT against a real Veridict stack.
//
// 1. Consumes FROM_VERIDICT_TOPIC and decodes the LedgerCommand that Veridict produced,
//    fetching its writer schema from the registry by the id in the Confluent header.
// 2. Registers the same schema under TO_VERIDICT_TOPIC's subject and produces two
//    LedgerCommands in the Confluent wire format, for Veridict's deserialiser to decode: a
//    KeyOperation, and a DecisionGroup of two decisions (a batch written straight to Kafka).
// 3. Reads the first record of ENTRIES_TOPIC, an entries-topic value (the union
//    [LedgerEntry, EntryRun], docs/ledger-format.md §14), with nothing but its writer schema.
// 4. Reads the first record of PAYLOADS_TOPIC, a PayloadEnvelope, and computes the payload hash
//    of format version 2 (docs/ledger-format.md §4.4) from its bytes and salt, written here from
//    the spec alone.
// Prints one JSON line with what it saw; exits non-zero on any failure.
import { createHash } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
};

const bootstrap = env('BOOTSTRAP_SERVERS').split(',');
const registryUrl = env('REGISTRY_URL');
const fromTopic = env('FROM_VERIDICT_TOPIC');
const toTopic = env('TO_VERIDICT_TOPIC');
const expectedCommandId = env('EXPECTED_COMMAND_ID');
const replyCommandId = env('REPLY_COMMAND_ID');
const entriesTopic = env('ENTRIES_TOPIC');
const payloadsTopic = env('PAYLOADS_TOPIC');
const timeoutMs = Number(process.env.TIMEOUT_MS || 60000);

const RECORD_DECISION = 'io.veridict.schemas.avro.RecordDecision';
const KEY_OPERATION = 'io.veridict.schemas.avro.KeyOperation';
const DECISION_GROUP = 'io.veridict.schemas.avro.DecisionGroup';
const ENTRY_RUN = 'io.veridict.schemas.avro.EntryRun';
const LEDGER_ENTRY = 'io.veridict.schemas.avro.LedgerEntry';

const kafka = new Kafka({ clientId: 'veridict-interop', brokers: bootstrap, logLevel: logLevel.WARN });
const registry = new SchemaRegistry({ host: registryUrl });

async function readVeridictCommand() {
  const consumer = kafka.consumer({ groupId: `veridict-interop-${process.pid}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: fromTopic, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no command ${expectedCommandId} on ${fromTopic} within ${timeoutMs} ms`)), timeoutMs);
      consumer.run({
        eachMessage: async ({ message }) => {
          const command = await registry.decode(message.value);
          if (command.command_id === expectedCommandId) {
            clearTimeout(timer);
            resolve({ key: message.key.toString('utf8'), schemaId: message.value.readInt32BE(1), command });
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

async function writeCommandForVeridict(schemaId, seen) {
  const schema = await registry.getSchema(schemaId);
  const { id } = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
    { subject: `${toTopic}-value` },
  );
  const command = {
    command_id: replyCommandId,
    tenant_id: seen.command.tenant_id,
    idempotency_key: `node-${replyCommandId}`,
    correlation_id: `node-${replyCommandId}`,
    actor: { kind: 'SYSTEM', key_id: null },
    received_at: 1767225600000,
    body: {
      [KEY_OPERATION]: {
        operation: 'REVOKED',
        key_id: 'key-from-node',
        scopes: ['audit:read', 'decisions:record'],
        expires_at: null,
        reason: 'written by kafkajs',
      },
    },
  };
  const item = (n) => ({
    command_id: `${replyCommandId}-${n}`,
    idempotency_key: `node-batch:${n}`,
    correlation_id: `node-${replyCommandId}`,
    actor: { kind: 'API_KEY', key_id: 'key-from-node' },
    received_at: 1767225600000,
    decision: {
      decision_id: null,
      context_json: `{"n":${n}}`,
      decision_json: '"approve"',
      policy: null,
      violations: [],
      metadata_json: null,
      evidence: [],
    },
  });
  const group = {
    ...command,
    command_id: `${replyCommandId}-group`,
    idempotency_key: 'node-batch',
    body: { [DECISION_GROUP]: { atomic: true, items: [item(0), item(1)] } },
  };
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic: toTopic,
      acks: -1,
      messages: [
        { key: command.tenant_id, value: await registry.encode(id, command) },
        { key: group.tenant_id, value: await registry.encode(id, group) },
      ],
    });
  } finally {
    await producer.disconnect();
  }
  return id;
}

async function readFirstValue(topic) {
  const consumer = kafka.consumer({ groupId: `veridict-interop-first-${process.pid}-${Date.now()}-${topic}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no record on ${topic} within ${timeoutMs} ms`)), timeoutMs);
      consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve(await registry.decode(message.value));
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

async function readEntriesRecord() {
  const value = await readFirstValue(entriesTopic);
  // A union of two records decodes wrapped ({name: value}) or bare, as the library likes.
  const run = value[ENTRY_RUN] || (value[LEDGER_ENTRY] ? null : value);
  const headers = run ? run.entries.map((e) => e.header) : [value[LEDGER_ENTRY] || value];
  return headers.map((h) => ({
    tenant_id: h.tenant_id,
    seq: Number(h.seq),
    format_version: h.format_version,
    payload_hash: h.payload_hash.toString('hex'),
    leaf_hash: h.leaf_hash.toString('hex'),
  }));
}

// Ledger format §4.4, version 2: H(0x04 || str("veridict.payload.v2") || h32(salt) || payload_bytes),
// where str(s) is the 4-byte big-endian length of the UTF-8 of s, then those bytes.
function saltedPayloadHash(salt, payload) {
  if (salt.length !== 32) throw new Error(`a payload salt has 32 bytes, not ${salt.length}`);
  const tag = Buffer.from('veridict.payload.v2', 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(tag.length);
  return createHash('sha256').update(Buffer.from([0x04])).update(length).update(tag).update(salt).update(payload).digest('hex');
}

async function readPayloadRecord() {
  const envelope = await readFirstValue(payloadsTopic);
  if (!envelope.salt) throw new Error('the payload envelope carries no salt');
  return { salt: envelope.salt.toString('hex'), payload_hash: saltedPayloadHash(envelope.salt, envelope.ciphertext) };
}

try {
  const seen = await readVeridictCommand();
  const decision = seen.command.body[RECORD_DECISION];
  if (!decision) throw new Error(`expected a RecordDecision body, got ${Object.keys(seen.command.body)}`);
  const writtenSchemaId = await writeCommandForVeridict(seen.schemaId, seen);
  const run = await readEntriesRecord();
  const payload = await readPayloadRecord();
  console.log(JSON.stringify({
    ok: true,
    read: {
      key: seen.key,
      schema_id: seen.schemaId,
      command_id: seen.command.command_id,
      tenant_id: seen.command.tenant_id,
      idempotency_key: seen.command.idempotency_key,
      received_at: Number(seen.command.received_at),
      decision_json: decision.decision_json,
      context_json: decision.context_json,
      violations: decision.violations,
    },
    wrote: { topic: toTopic, schema_id: writtenSchemaId, command_id: replyCommandId },
    run,
    payload,
  }));
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error && error.stack || error) }));
  process.exit(1);
}
