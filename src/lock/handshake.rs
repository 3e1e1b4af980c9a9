//! What a new connection says first (AUTH, SELECT), and how the server's refusal may be shown:
//! never with the credentials it may echo.

use super::error::quote;
use super::node::Node;
use super::resp::pack;

/// Appends the handshake commands for `node` to `out`; how many replies must come back OK.
pub fn commands(node: &Node, out: &mut Vec<u8>) -> usize {
    let mut count = 0;
    if let Some(password) = &node.password {
        let mut args: Vec<&[u8]> = vec![b"AUTH"];
        if let Some(user) = &node.username {
            args.push(user.as_bytes());
        }
        args.push(password.as_bytes());
        out.extend(pack(&args));
        count += 1;
    }
    if node.db != 0 {
        let db = node.db.to_string();
        out.extend(pack(&[b"SELECT", db.as_bytes()]));
        count += 1;
    }
    count
}

/// Bytes of a credential that, found in a server's message, make it an echo. Long enough that
/// Redis's own words ("password", "username") do not match an ordinary password.
const ECHO_WINDOW: usize = 6;

/// A server's handshake error as it may be shown: without the arguments it echoes
/// (`..., with args beginning with: 'user' 'pass'`), and reduced to its error code when any
/// 6 bytes of a credential (a whole or partial echo) appear in it.
pub fn shown_error(node: &Node, text: &str) -> String {
    let text = match text.find(", with args") {
        Some(at) => &text[..at],
        None => text,
    };
    let echoes = [&node.password, &node.username]
        .into_iter()
        .flatten()
        .any(|secret| {
            let (secret, text) = (secret.as_bytes(), text.as_bytes());
            // Any 6 bytes of it (a partial echo); a shorter credential anywhere at all.
            let window = secret.len().min(ECHO_WINDOW);
            window > 0
                && secret
                    .windows(window)
                    .any(|w| text.windows(window).any(|t| t == w))
        });
    if echoes {
        let code = text.split(' ').next().unwrap_or_default();
        return format!(
            "{} (the server's message is not shown: it quotes the credentials)",
            quote(code.as_bytes())
        );
    }
    quote(text.as_bytes())
}
