#!/usr/bin/env node
// An OCPP 2.0.1 charging station written with ocpp-rpc (mikuso/ocpp-rpc, MIT), a library OpenVPP
// did not write, in strict mode: it checks every CALL and answer, both ways, against its own copy
// of the OCPP 2.0.1 schemas. vpp-ocpp's NodeChargePoint201Test runs it against the central system.
//
//   node charge-point.js CSMS_URL [IDENTITY]
//
// CSMS_URL is the endpoint without the identity, such as wss://127.0.0.1:9220/ocpp.
// Environment: OCPP_PASSWORD, the HTTP Basic password (security profiles 1 and 2);
// OCPP_CA_FILE, a PEM certificate to trust for wss (profile 2). Neither is ever printed.
//
// It boots, reports its connector, authorizes a token, starts a transaction with a meter value,
// updates it with another, waits for the central system's SetChargingProfile (answered Accepted)
// and GetCompositeSchedule (answered from that profile), ends the transaction and exits 0. Each
// step is one JSON line on stdout. Any failure prints {"step":"error",...} and exits 1; it gives
// up after 60 s.
'use strict';

const fs = require('node:fs');
const { RPCClient, createRPCError } = require('ocpp-rpc');

const [endpoint, identity = 'NODE-201'] = process.argv.slice(2);
const TOKEN = { idToken: 'TAG-NODE', type: 'ISO14443' };
const TX = 'node-tx-1';
const EVSE = { id: 1, connectorId: 1 };

function say(step, fields = {}) {
  process.stdout.write(JSON.stringify({ step, ...fields }) + '\n');
}

function fail(message) {
  say('error', { message });
  process.exit(1);
}

if (!endpoint) {
  fail('usage: node charge-point.js CSMS_URL [IDENTITY]');
}

const giveUp = setTimeout(() => fail('not done within 60 s'), 60_000);

function now() {
  return new Date().toISOString();
}

function meterValue(wattHours, context) {
  return [
    {
      timestamp: now(),
      sampledValue: [
        {
          value: wattHours,
          context,
          measurand: 'Energy.Active.Import.Register',
          unitOfMeasure: { unit: 'Wh' },
        },
      ],
    },
  ];
}

async function main() {
  const wsOpts = {};
  if (process.env.OCPP_CA_FILE) {
    wsOpts.ca = fs.readFileSync(process.env.OCPP_CA_FILE);
  }
  const client = new RPCClient({
    endpoint,
    identity,
    protocols: ['ocpp2.0.1'],
    strictMode: true,
    password: process.env.OCPP_PASSWORD || undefined,
    reconnect: false,
    callTimeoutMs: 20_000,
    wsOpts,
  });

  let failures = 0;
  client.on('strictValidationFailure', (e) => {
    failures++;
    say('strictValidationFailure', {
      method: e.method,
      outbound: e.outbound,
      isCall: e.isCall,
      error: String(e.error && e.error.message),
    });
  });

  let profile = null;
  let profileArrived;
  const profileSet = new Promise((resolve) => (profileArrived = resolve));
  let scheduleAsked;
  const scheduleRead = new Promise((resolve) => (scheduleAsked = resolve));

  client.handle('SetChargingProfile', ({ params }) => {
    profile = params.chargingProfile;
    const schedule = profile.chargingSchedule[0];
    say('SetChargingProfile', {
      evseId: params.evseId,
      id: profile.id,
      purpose: profile.chargingProfilePurpose,
      transactionId: profile.transactionId,
      unit: schedule.chargingRateUnit,
      limits: schedule.chargingSchedulePeriod.map((p) => [p.startPeriod, p.limit]),
      status: 'Accepted',
    });
    profileArrived();
    return { status: 'Accepted' };
  });

  client.handle('GetCompositeSchedule', ({ params }) => {
    if (!profile) {
      say('GetCompositeSchedule', { evseId: params.evseId, status: 'Rejected' });
      return { status: 'Rejected' };
    }
    const s = profile.chargingSchedule[0];
    const answer = {
      status: 'Accepted',
      schedule: {
        evseId: params.evseId,
        duration: params.duration,
        scheduleStart: s.startSchedule || now(),
        chargingRateUnit: s.chargingRateUnit,
        chargingSchedulePeriod: s.chargingSchedulePeriod,
      },
    };
    say('GetCompositeSchedule', {
      evseId: params.evseId,
      duration: params.duration,
      unit: params.chargingRateUnit,
      status: 'Accepted',
    });
    scheduleAsked();
    return answer;
  });

  client.handle(({ method }) => {
    say('unexpected', { method });
    throw createRPCError('NotImplemented');
  });

  await client.connect();
  say('connected', { identity, protocol: client.protocol });

  const boot = await client.call('BootNotification', {
    reason: 'PowerUp',
    chargingStation: { model: 'Interop', vendorName: 'ocpp-rpc' },
  });
  say('BootNotification', { status: boot.status, interval: boot.interval });
  if (boot.status !== 'Accepted') {
    fail('BootNotification was answered ' + boot.status);
  }

  await client.call('StatusNotification', {
    timestamp: now(),
    connectorStatus: 'Available',
    evseId: EVSE.id,
    connectorId: EVSE.connectorId,
  });
  say('StatusNotification', { connectorStatus: 'Available' });

  const auth = await client.call('Authorize', { idToken: TOKEN });
  say('Authorize', { status: auth.idTokenInfo.status });

  const started = await client.call('TransactionEvent', {
    eventType: 'Started',
    timestamp: now(),
    triggerReason: 'Authorized',
    seqNo: 0,
    transactionInfo: { transactionId: TX, chargingState: 'Charging' },
    evse: EVSE,
    idToken: TOKEN,
    meterValue: meterValue(10_000, 'Transaction.Begin'),
  });
  say('TransactionEvent', {
    eventType: 'Started',
    transactionId: TX,
    meterWh: 10_000,
    idTokenStatus: started.idTokenInfo && started.idTokenInfo.status,
  });

  await client.call('TransactionEvent', {
    eventType: 'Updated',
    timestamp: now(),
    triggerReason: 'MeterValuePeriodic',
    seqNo: 1,
    transactionInfo: { transactionId: TX, chargingState: 'Charging' },
    meterValue: meterValue(12_500, 'Sample.Periodic'),
  });
  say('TransactionEvent', { eventType: 'Updated', transactionId: TX, meterWh: 12_500 });

  await Promise.all([profileSet, scheduleRead]);

  await client.call('TransactionEvent', {
    eventType: 'Ended',
    timestamp: now(),
    triggerReason: 'EVCommunicationLost',
    seqNo: 2,
    transactionInfo: { transactionId: TX, chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
    meterValue: meterValue(14_000, 'Transaction.End'),
  });
  say('TransactionEvent', { eventType: 'Ended', transactionId: TX, meterWh: 14_000 });

  await client.close({ code: 1000, reason: 'done' });
  clearTimeout(giveUp);
  if (failures > 0) {
    fail(failures + ' message(s) failed strict validation');
  }
  say('done');
  process.exit(0);
}

main().catch((e) => fail(String((e && e.message) || e)));
