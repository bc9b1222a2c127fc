//! MQTT client options (130-139).

use super::*;

pub const MQTT_BROKER: i64 = 130;
pub const MQTT_CLIENT_ID: i64 = 131;
pub const MQTT_USERNAME: i64 = 132;
pub const MQTT_PASSWORD: i64 = 133;
pub const MQTT_KEEP_ALIVE: i64 = 134;
pub const MQTT_QOS: i64 = 135;
pub const MQTT_RETAIN: i64 = 136;
pub const MQTT_CLEAN_SESSION: i64 = 137;
pub const MQTT_WILL_TOPIC: i64 = 138;
pub const MQTT_WILL_MESSAGE: i64 = 139;

fn sixty() -> Value {
    Value::Int(60)
}

fn keep_alive(v: &Value) -> Result<(), String> {
    in_range(v, 10, 3600)
}

fn qos(v: &Value) -> Result<(), String> {
    in_range(v, 0, 2)
}

fn broker(v: &Value) -> Result<(), String> {
    match v.as_str() {
        Some(b) if b.starts_with("mqtt://") || b.starts_with("mqtts://") || (!b.is_empty() && !b.contains("://")) => Ok(()),
        _ => Err("must be mqtt://host:port, mqtts://host:port or host:port".into()),
    }
}

pub(super) const OPTIONS: &[OptionSpec] = &[
    OptionSpec { number: MQTT_BROKER, name: "MQTT_BROKER", kinds: &[Kind::String], default: zero, validate: Some(broker), store: Store::Replace },
    OptionSpec { number: MQTT_CLIENT_ID, name: "MQTT_CLIENT_ID", kinds: &[Kind::String], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: MQTT_USERNAME, name: "MQTT_USERNAME", kinds: &[Kind::String], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: MQTT_PASSWORD, name: "MQTT_PASSWORD", kinds: &[Kind::String], default: zero, validate: None, store: Store::Replace },
    OptionSpec { number: MQTT_KEEP_ALIVE, name: "MQTT_KEEP_ALIVE", kinds: &[Kind::Int], default: sixty, validate: Some(keep_alive), store: Store::Replace },
    OptionSpec { number: MQTT_QOS, name: "MQTT_QOS", kinds: &[Kind::Int], default: zero, validate: Some(qos), store: Store::Replace },
    OptionSpec { number: MQTT_RETAIN, name: "MQTT_RETAIN", kinds: &[Kind::Int], default: zero, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: MQTT_CLEAN_SESSION, name: "MQTT_CLEAN_SESSION", kinds: &[Kind::Int], default: one, validate: Some(boolean), store: Store::Replace },
    OptionSpec { number: MQTT_WILL_TOPIC, name: "MQTT_WILL_TOPIC", kinds: &[Kind::String], default: zero, validate: Some(non_empty_string), store: Store::Replace },
    OptionSpec { number: MQTT_WILL_MESSAGE, name: "MQTT_WILL_MESSAGE", kinds: &[Kind::String], default: zero, validate: None, store: Store::Replace },
];
