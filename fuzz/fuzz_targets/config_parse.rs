//! Cisco configuration text in every platform and mode: parsing arbitrary text never panics,
//! errors name a line and a column inside the text, lint and every `show` command run on what
//! was kept, and the configuration printed as lines reads back to the same lines.
#![no_main]

use crypto_map::model::Platform;
use crypto_map::parse::{Mode, ParseOptions, detect_platform, parse_lossy};
use crypto_map::show::{Keys, ShowCommand, running_config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = u32::try_from(text.split('\n').count()).unwrap_or(u32::MAX);
    let _ = detect_platform(&text);
    for platform in [Platform::Ios, Platform::Asa8, Platform::Asa9, Platform::Pix] {
        for mode in [Mode::Strict, Mode::Lenient] {
            let (config, errors) = parse_lossy(&text, ParseOptions { platform: Some(platform), mode });
            for e in &errors {
                assert!(e.line >= 1 && e.line <= lines && e.column >= 1, "{e:?}");
            }
            let _ = config.lint();
            let _ = config.check(true);
            for cmd in ShowCommand::ALL {
                let _ = cmd.render(&config);
            }
            let printed = running_config(&config, Keys::Revealed);
            let (again, _) = parse_lossy(&printed, ParseOptions { platform: Some(platform), mode: Mode::Lenient });
            assert_eq!(running_config(&again, Keys::Revealed), printed, "{platform:?}");
        }
    }
});
