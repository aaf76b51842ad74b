fn main() {
    std::process::exit(claimdesk::cli::main());
}
