//! Entry point of the web app: install the panic hook, then mount the app. Nothing else.

fn main() {
    mlops_scaling::install_panic_hook();
    mlops_scaling::mount();
}
