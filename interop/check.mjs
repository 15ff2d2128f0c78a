// Interoperability check run by NodeInteropIT against a real Veridict stack.
//
// 1. Consumes FROM_VERIDICT_TOPIC and decodes the LedgerCommand that Veridict produced,
//    fetching its writer schema from the registry by the id in the Confluent header.
// 2. Registers the same schema under TO_VERIDICT_TOPIC's subject and produces a
//    LedgerCommand (KeyOperation branch) in the Confluent wire format, for Veridict's
//    deserialiser to decode.
// Prints one JSON line with what it saw; exits non-zero on any failure.
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
const timeoutMs = Number(process.env.TIMEOUT_MS || 60000);

const RECORD_DECISION = 'io.veridict.schemas.avro.RecordDecision';
const KEY_OPERATION = 'io.veridict.schemas.avro.KeyOperation';

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
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({
      topic: toTopic,
      acks: -1,
      messages: [{ key: command.tenant_id, value: await registry.encode(id, command) }],
    });
  } finally {
    await producer.disconnect();
  }
  return id;
}

try {
  const seen = await readVeridictCommand();
  const decision = seen.command.body[RECORD_DECISION];
  if (!decision) throw new Error(`expected a RecordDecision body, got ${Object.keys(seen.command.body)}`);
  const writtenSchemaId = await writeCommandForVeridict(seen.schemaId, seen);
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
  }));
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error && error.stack || error) }));
  process.exit(1);
}
