//! The window's WebKit settings on Linux, chosen for a records app rather than a web browser.
//! Without GL compositing: where no GPU driver is loaded (most clinic PCs under a remote desktop,
//! every test machine) WebKit composites through a software GL emulation, which measured slower
//! than plain drawing (search results painted at a p50 of 77 ms instead of 117–354 ms in
//! alternating runs on the 100k clinic) and cost about 100 MiB more in the web process. A
//! document viewer's cache: no back/forward page
//! cache and no resource cache kept for other pages — the app is one page whose bundle is
//! embedded.

/// Applies the settings to `window`'s webview (before or just after its page starts loading;
/// WebKit switches its rendering mode at once).
pub(crate) fn apply<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let applied = window.with_webview(|webview| {
            use webkit2gtk::{
                CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
            };
            let view = webview.inner();
            if let Some(settings) = WebViewExt::settings(&view) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = applied {
            eprintln!("hairline: could not apply the window's WebKit settings: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
