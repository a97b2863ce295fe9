#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| carte_mentale_fuzz::scene(data));
