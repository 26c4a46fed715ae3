// Sends one AMQP 1.0 message per body kind named in QUORATE_BODIES (comma-separated) to
// QUORATE_AMQP_ADDRESS with the npm package rhea, each with the application property
// quorate_transport = "rhea-<kind>-<QUORATE_NONCE>". Prints "<kind> accepted" per message and exits 0
// when the broker accepted all; exits 1 on a rejection/release/error, 2 on timeout.
// Body kinds (rhea encodes JavaScript numbers as AMQP uint):
//   list         amqp-value list [1, 2, 3, nonce]
//   map          amqp-value map {nonce: nonce, n: 7}
//   uint         amqp-value uint nonce
//   described    amqp-value described type (ulong 0x5155, string)
//   null         amqp-value null
//   string       amqp-value string "not a contribution <nonce>"
//   sequence     one amqp-sequence [1, nonce]
//   data-parts   two data sections "part one <nonce>", "part two"
//   empty-data   one empty data section
//   no-body      no body section at all
//   der-split    the DER of QUORATE_DER_FILE split over two data sections
//   der-binary   the DER of QUORATE_DER_FILE_2 as an amqp-value binary
// Environment: QUORATE_AMQP_HOST, QUORATE_AMQP_PORT, QUORATE_AMQP_USER, QUORATE_AMQP_PASSWORD,
// QUORATE_AMQP_ADDRESS, QUORATE_BODIES, QUORATE_NONCE, QUORATE_DER_FILE, QUORATE_DER_FILE_2.
'use strict';
const fs = require('fs');
const rhea = require('rhea');

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
  return value;
};

const nonce = Number(env('QUORATE_NONCE'));
const kinds = env('QUORATE_BODIES').split(',');
const der = (name) => fs.readFileSync(env(name));

const bodies = {
  list: () => [1, 2, 3, nonce],
  map: () => ({ [`k${nonce}`]: nonce, n: 7 }),
  uint: () => nonce,
  described: () => rhea.types.described(rhea.types.wrap_ulong(0x5155), rhea.types.wrap_string(`described ${nonce}`)),
  null: () => null,
  string: () => `not a contribution ${nonce}`,
  sequence: () => rhea.message.sequence_section([1, nonce]),
  'data-parts': () => rhea.message.data_sections([Buffer.from(`part one ${nonce}`), Buffer.from('part two')]),
  'empty-data': () => rhea.message.data_section(Buffer.alloc(0)),
  'no-body': () => rhea.message.data_sections([]),
  'der-split': () => {
    const d = der('QUORATE_DER_FILE');
    const cut = Math.floor(d.length / 3);
    return rhea.message.data_sections([d.subarray(0, cut), d.subarray(cut)]);
  },
  'der-binary': () => rhea.types.wrap_binary(der('QUORATE_DER_FILE_2')),
};
for (const kind of kinds) {
  if (!bodies[kind]) {
    console.error(`unknown body kind ${kind}`);
    process.exit(1);
  }
}

const timer = setTimeout(() => {
  console.error('timeout waiting for the broker to settle the deliveries');
  process.exit(2);
}, 60000);

const connection = rhea.connect({
  host: env('QUORATE_AMQP_HOST'),
  port: Number(env('QUORATE_AMQP_PORT')),
  username: env('QUORATE_AMQP_USER'),
  password: env('QUORATE_AMQP_PASSWORD'),
  reconnect: false,
});
const sender = connection.open_sender({ target: { address: env('QUORATE_AMQP_ADDRESS') } });
let next = 0;
let settled = 0;
let finished = false;
const finish = (code, text) => {
  if (finished) {
    return;
  }
  finished = true;
  clearTimeout(timer);
  if (text) {
    (code === 0 ? console.log : console.error)(text);
  }
  connection.close();
  process.exitCode = code;
};
sender.on('sendable', (context) => {
  while (next < kinds.length && context.sender.sendable()) {
    const kind = kinds[next];
    next += 1;
    const delivery = context.sender.send({
      durable: true,
      application_properties: { quorate_transport: `rhea-${kind}-${nonce}` },
      body: bodies[kind](),
    });
    delivery.kind = kind;
  }
});
sender.on('accepted', (context) => {
  console.log(`${context.delivery.kind} accepted`);
  settled += 1;
  if (settled === kinds.length) {
    finish(0);
  }
});
const refuse = (what) => (context) =>
  finish(1, `${context.delivery.kind} ${what}: ${JSON.stringify(context.delivery.remote_state || {})}`);
sender.on('rejected', refuse('rejected'));
sender.on('released', refuse('released'));
sender.on('modified', refuse('modified'));
connection.on('connection_error', (context) => {
  const error = context.connection.get_error ? context.connection.get_error() : undefined;
  finish(1, `connection refused by the broker: ${JSON.stringify(error || {})}`);
});
connection.on('disconnected', (context) => {
  if (!finished) {
    finish(1, `disconnected: ${context.error ? context.error.message : 'no error given'}`);
  }
});
connection.on('error', (context) => finish(1, `error: ${context.error ? context.error.message : context}`));
