//! Where an HTTP listener meets the REST pipeline (src/rest): one
//! swappable service per REST listener.

use super::protocol::RestConfig;
use crate::rest::RestService;
use std::sync::{Arc, Mutex};

pub(super) use crate::rest::Decision;

/// A listener's current pipeline (None for plain HTTP); `UpdateRest`
/// replaces it while requests in flight keep the one they started with.
pub(crate) struct RestSlot(Mutex<Option<Arc<RestService>>>);

impl RestSlot {
    /// Errors when the configuration does not compile (bad or ambiguous
    /// routes, bad schemas).
    pub fn new(config: Option<RestConfig>) -> Result<Self, String> {
        let service = config.map(RestService::new).transpose()?;
        Ok(RestSlot(Mutex::new(service.map(Arc::new))))
    }

    /// A configuration that does not compile leaves the old one in force.
    pub fn replace(&self, config: RestConfig) -> Result<(), String> {
        let service = Arc::new(RestService::new(config)?);
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(service);
        }
        Ok(())
    }

    pub fn current(&self) -> Option<Arc<RestService>> {
        self.0.lock().ok().and_then(|s| s.clone())
    }
}
