fn main() {
    let text = std::io::read_to_string(std::io::stdin()).unwrap_or_default();
    let analysis = rapport::analyze(&text, &rapport::Options::default());
    println!("{}", serde_json::to_string(&analysis).unwrap());
}
