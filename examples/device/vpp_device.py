#!/usr/bin/env python3
"""A home battery that speaks OpenVPP's device protocol (docs/device-protocol.md), version 1.

A minimal, real device: no OpenVPP code, only Debian's paho-mqtt (apt install python3-paho-mqtt).
It connects as a maker's device cloud with one device and one site meter, and:

  * registers: publishes its birth (kind and limits) and status "online", both retained, with a
    last will that says "offline";
  * reports: every --period seconds, its telemetry (power, stored energy), sequence numbered;
  * reads its meter: every --meter-period seconds, its site meter's readings of the quarter hours
    that ended since the last, as imported and exported kWh, and prints the receipt OpenVPP sends;
  * follows commands: holds each command's setpoint (within its limits, above its reserve) until the
    command expires, then goes back to its own way; acknowledges every command at once.

Time is the machine's clock. The household load it meters is made up (a steady 1.2 kW, less what
the battery gives), enough to show the protocol; a real device reads its own meter.

  python3 vpp_device.py --broker 127.0.0.1:1883 --cloud acme --password SECRET \
      --device bat-1 --meter acme-meter-1 --seconds 600
"""

import argparse
import json
import sys
import threading
import time

import paho.mqtt.client as mqtt


def now_ms():
    return int(time.time() * 1000)


class Battery:
    """A battery: state of charge, limits, and the command it holds."""

    def __init__(self, capacity_kwh, reserve_kwh, max_kw, stored_kwh):
        self.capacity = capacity_kwh
        self.reserve = reserve_kwh
        self.max_kw = max_kw
        self.stored = stored_kwh
        self.setpoint = 0.0
        self.expires = 0
        self.last_seq = -1
        self.power = 0.0

    def command(self, seq, setpoint_kw, expires_ms):
        """Takes a command; 'superseded' when an older one than the last taken comes."""
        if seq <= self.last_seq:
            return "superseded"
        if expires_ms <= now_ms():
            return "expired"
        self.last_seq = seq
        self.setpoint = max(-self.max_kw, min(self.max_kw, setpoint_kw))
        self.expires = expires_ms
        return "accepted"

    def step(self, seconds):
        """Holds the setpoint while the command lasts, within energy; idles after it."""
        kw = self.setpoint if now_ms() < self.expires else 0.0
        hours = seconds / 3600.0
        if kw < 0 and self.stored + kw * hours < self.reserve:
            kw = min(0.0, (self.reserve - self.stored) / hours)
        if kw > 0 and self.stored + kw * hours > self.capacity:
            kw = max(0.0, (self.capacity - self.stored) / hours)
        self.stored += kw * hours
        self.power = kw
        return kw


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--broker", default="127.0.0.1:1883", help="host:port of the MQTT broker")
    p.add_argument("--cloud", required=True, help="the cloud's MQTT user name and id prefix")
    p.add_argument("--password", default="", help="the cloud's MQTT password")
    p.add_argument("--device", default="bat-1", help="the battery's id under the cloud")
    p.add_argument("--meter", required=True, help="the site meter's id (as the site is registered)")
    p.add_argument("--period", type=float, default=60, help="seconds between telemetry reports")
    p.add_argument("--meter-period", type=float, default=900, help="seconds between meter reports")
    p.add_argument("--seconds", type=float, default=0, help="stop after this long (0: never)")
    p.add_argument("--backlog", type=int, default=4,
                   help="quarter hours of meter readings it holds from before it connected")
    a = p.parse_args()

    device = f"{a.cloud}:{a.device}"
    base = f"vpp/v1/c/{a.cloud}/d/{device}/"
    meter_topic = f"vpp/v1/c/{a.cloud}/m/{a.meter}/"
    battery = Battery(capacity_kwh=13.5, reserve_kwh=2.0, max_kw=5.0, stored_kwh=8.0)
    lock = threading.Lock()

    client = mqtt.Client(client_id=f"example-{device}", protocol=mqtt.MQTTv5)
    client.username_pw_set(a.cloud, a.password)
    client.will_set(base + "status", json.dumps({"v": 1, "state": "offline"}), qos=1, retain=True)

    def on_connect(c, userdata, flags, reason, properties=None):
        if reason != 0:
            print(f"refused by the broker: {reason}", flush=True)
            sys.exit(2)
        c.subscribe(base + "cmd", qos=1)
        c.subscribe(meter_topic + "receipt", qos=1)
        birth = {"v": 1, "kind": "battery", "capacity_kwh": battery.capacity,
                 "reserve_kwh": battery.reserve, "max_charge_kw": battery.max_kw,
                 "max_discharge_kw": battery.max_kw, "round_trip": 0.9}
        c.publish(base + "birth", json.dumps(birth), qos=1, retain=True)
        c.publish(base + "status", json.dumps({"v": 1, "state": "online"}), qos=1, retain=True)
        print(f"registered {device}", flush=True)
        if a.backlog > 0:
            # the meter's memory of the quarter hours before: the home's steady 1.2 kW
            first = int(time.time() // 900) * 900 - a.backlog * 900
            readings = [{"start": (first + i * 900) * 1000, "dur_s": 900, "imp_kwh": 0.3,
                         "exp_kwh": 0.0} for i in range(a.backlog)]
            c.publish(meter_topic + "reading", json.dumps({"v": 1, "readings": readings}), qos=1)
            print(f"meter reported {len(readings)} readings", flush=True)

    def on_message(c, userdata, msg):
        if msg.topic.endswith("/receipt"):
            print(f"meter receipt {msg.payload.decode()}", flush=True)
            return
        try:
            cmd = json.loads(msg.payload)
            with lock:
                status = battery.command(cmd["seq"], float(cmd["setpoint_kw"]), int(cmd["expires"]))
            ack = {"v": 1, "id": cmd["id"], "seq": cmd["seq"], "status": status}
            print(f"command {cmd['id']} setpoint {cmd['setpoint_kw']} kW: {status}", flush=True)
        except (ValueError, KeyError, TypeError) as e:
            ack = {"v": 1, "id": str(cmd.get("id", "?")) if isinstance(cmd, dict) else "?",
                   "seq": 0, "status": "rejected", "reason": f"bad command: {e}"}
        c.publish(base + "ack", json.dumps(ack), qos=1)

    client.on_connect = on_connect
    client.on_message = on_message
    host, port = a.broker.rsplit(":", 1)
    client.connect(host, int(port), keepalive=30)
    client.loop_start()

    seq = 0
    start = time.time()
    last_report = 0.0
    last_meter = time.time()
    quarter = 900
    imported = exported = 0.0
    reported_upto = int(time.time() // quarter) * quarter
    tick = min(1.0, a.period)
    while a.seconds <= 0 or time.time() - start < a.seconds:
        time.sleep(tick)
        with lock:
            kw = battery.step(tick)
            stored = battery.stored
        site_kw = 1.2 + kw  # the home's steady load, and what the battery takes (+) or gives (-)
        if site_kw >= 0:
            imported += site_kw * tick / 3600.0
        else:
            exported += -site_kw * tick / 3600.0
        if time.time() - last_report >= a.period:
            last_report = time.time()
            seq += 1
            t = {"v": 1, "seq": seq, "ts": now_ms(), "p_kw": round(kw, 3), "e_kwh": round(stored, 3)}
            client.publish(base + "telemetry", json.dumps(t), qos=0)
        if time.time() - last_meter >= a.meter_period:
            last_meter = time.time()
            ended = int(time.time() // quarter) * quarter
            readings = []
            # every quarter hour that ended since the last report, with what was metered over it
            starts = list(range(reported_upto, ended, quarter))
            for s in starts:
                readings.append({"start": s * 1000, "dur_s": quarter,
                                 "imp_kwh": round(imported / len(starts), 4),
                                 "exp_kwh": round(exported / len(starts), 4)})
            if readings:
                imported = exported = 0.0
                reported_upto = ended
                client.publish(meter_topic + "reading", json.dumps({"v": 1, "readings": readings}), qos=1)
                print(f"meter reported {len(readings)} readings", flush=True)
    client.publish(base + "status", json.dumps({"v": 1, "state": "offline"}), qos=1, retain=True)
    client.loop_stop()
    client.disconnect()
    print("stopped", flush=True)


if __name__ == "__main__":
    main()
