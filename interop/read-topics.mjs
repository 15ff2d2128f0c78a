// Reads every topic of a running ledger with kafkajs and the schema registry, as a consumer in
// another language would: the commands topic is lz4-compressed (the service's producer uses lz4),
// and kafkajs has no LZ4 codec of its own, so one is registered here from lz4js (pure JavaScript,
// the LZ4 frame format Kafka uses).
//
// TOPICS: comma-separated topic names. For each, reads the records up to its end (at most
// MAX_RECORDS), decodes every value through the registry (a tombstone is counted, not decoded),
// and prints one JSON line: {"ok":true,"topics":{"<topic>":{"records":n,"tombstones":t,"first":{...}}}}.
import kafkajs from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import lz4 from 'lz4js';

const { Kafka, logLevel, CompressionTypes, CompressionCodecs } = kafkajs;

CompressionCodecs[CompressionTypes.LZ4] = () => ({
  async compress(encoder) {
    return Buffer.from(lz4.compress(encoder.buffer));
  },
  async decompress(buffer) {
    return Buffer.from(lz4.decompress(buffer));
  },
});

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
};

const kafka = new Kafka({ clientId: 'veridict-read-topics', brokers: env('BOOTSTRAP_SERVERS').split(','), logLevel: logLevel.WARN });
const registry = new SchemaRegistry({ host: env('REGISTRY_URL') });
const topics = env('TOPICS').split(',');
const maxRecords = Number(process.env.MAX_RECORDS || 1000);
const timeoutMs = Number(process.env.TIMEOUT_MS || 60000);

// What to show of a decoded value: its Avro record's own fields, bytes as hex, at most a few.
function summary(value) {
  const inner = value && typeof value === 'object' && Object.keys(value).length === 1
    && /^io\.veridict\./.test(Object.keys(value)[0]) ? Object.values(value)[0] : value;
  const out = {};
  for (const [k, v] of Object.entries(inner).slice(0, 8)) {
    out[k] = Buffer.isBuffer(v) ? v.toString('hex') : (typeof v === 'object' && v !== null ? '[object]' : v);
  }
  return out;
}

async function readTopic(topic) {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const wanted = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  const result = { records: 0, tombstones: 0, first: null };
  if (wanted.size === 0) return result;
  const consumer = kafka.consumer({ groupId: `veridict-read-topics-${process.pid}-${Date.now()}-${topic}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic}: not read to its end within ${timeoutMs} ms`)), timeoutMs);
      const done = () => { clearTimeout(timer); resolve(); };
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (message.value === null) {
            result.tombstones++;
          } else {
            const value = await registry.decode(message.value);
            if (result.first === null) result.first = summary(value);
            result.records++;
          }
          // Transaction markers take offsets too: a partition is read once its last record is.
          if (Number(message.offset) + 2 >= wanted.get(partition)) wanted.delete(partition);
          if (wanted.size === 0 || result.records + result.tombstones >= maxRecords) done();
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return result;
}

try {
  const report = {};
  for (const topic of topics) {
    report[topic] = await readTopic(topic);
  }
  console.log(JSON.stringify({ ok: true, topics: report }));
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e && e.stack || e) }));
  process.exit(1);
}
