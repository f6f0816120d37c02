//! Protocol-neutral types shared by the crypto-map model, the IKE crates and the data path.

mod identity;
mod lifetime;
mod proposal;
mod selector;
mod spi;
mod time;

pub use identity::{Identity, IdentityError};
pub use lifetime::{Lifetime, LifetimeLimits};
pub use proposal::{EncapsulationMode, Esn, Proposal, SecurityProtocol, TransformSelection};
pub use selector::{IpProtocol, TrafficSelector};
pub use spi::{Cpi, IkeSpi, Spi};
pub use time::{Duration, Instant};
