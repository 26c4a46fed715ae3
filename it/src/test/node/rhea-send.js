// Sends ONE AMQP 1.0 message whose body is a single binary Data section (the DER read from
// QUORATE_DER_FILE) to QUORATE_AMQP_ADDRESS, using the npm package rhea. Prints "accepted" and
// exits 0 when the broker accepts the delivery; exits 1 on rejection/release/error, 2 on timeout.
// Environment: QUORATE_AMQP_HOST, QUORATE_AMQP_PORT, QUORATE_AMQP_USER, QUORATE_AMQP_PASSWORD,
// QUORATE_AMQP_ADDRESS, QUORATE_DER_FILE, optional QUORATE_TRANSPORT (application property).
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

const body = fs.readFileSync(env('QUORATE_DER_FILE'));
const address = env('QUORATE_AMQP_ADDRESS');
const timer = setTimeout(() => {
  console.error('timeout waiting for the broker to settle the delivery');
  process.exit(2);
}, 30000);

const connection = rhea.connect({
  host: env('QUORATE_AMQP_HOST'),
  port: Number(env('QUORATE_AMQP_PORT')),
  username: env('QUORATE_AMQP_USER'),
  password: env('QUORATE_AMQP_PASSWORD'),
  reconnect: false,
});
const sender = connection.open_sender({ target: { address: address } });
let sent = false;
sender.on('sendable', (context) => {
  if (sent) {
    return;
  }
  sent = true;
  context.sender.send({
    durable: true,
    application_properties: { quorate_transport: process.env.QUORATE_TRANSPORT || 'amqp' },
    body: rhea.message.data_section(body),
  });
});
let finished = false;
const finish = (code, text) => {
  if (finished) {
    return;
  }
  finished = true;
  clearTimeout(timer);
  (code === 0 ? console.log : console.error)(text);
  connection.close();
  process.exitCode = code;
};
sender.on('accepted', () => finish(0, 'accepted'));
sender.on('rejected', (context) => finish(1, `rejected: ${JSON.stringify(context.delivery.remote_state)}`));
sender.on('released', () => finish(1, 'released'));
sender.on('modified', () => finish(1, 'modified'));
connection.on('connection_close', () => clearTimeout(timer));
// e.g. SASL authentication failure (wrong user or password)
connection.on('connection_error', (context) => {
  const error = context.connection.get_error ? context.connection.get_error() : undefined;
  finish(1, `connection refused by the broker (authentication?): ${JSON.stringify(error || {})}`);
});
connection.on('disconnected', (context) => {
  if (!finished) {
    finish(1, `disconnected: ${context.error ? context.error.message : 'no error given'}`);
  }
});
connection.on('error', (context) => finish(1, `error: ${context.error ? context.error.message : context}`));
