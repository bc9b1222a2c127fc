//! Blocking jobs run on the network thread's worker pool and are answered
//! as events, a panic included.

use ferrum_net::{Command, Event, Job};
use std::time::Duration;

fn answer(rx: &std::sync::mpsc::Receiver<Event>) -> (u64, Result<ferrum_net::JobOutput, String>) {
    match rx.recv_timeout(Duration::from_secs(10)).expect("an answer") {
        Event::JobDone { id, output } => (id, output),
        other => panic!("unexpected {:?}", other),
    }
}

#[test]
fn a_job_answers_with_its_output_and_a_panic_with_its_message() {
    let (net, rx) = ferrum_net::start();
    let id = net.next_id();
    net.send(Command::RunJob { id, job: Job::new(|| 6 * 7) });
    let (got, output) = answer(&rx);
    assert_eq!(got, id);
    assert_eq!(*output.expect("ok").0.downcast::<i32>().expect("an i32"), 42);

    let id = net.next_id();
    net.send(Command::RunJob { id, job: Job::new(|| -> i32 { panic!("boom") }) });
    let (got, output) = answer(&rx);
    assert_eq!(got, id);
    assert_eq!(output.err().as_deref(), Some("boom"));
}
