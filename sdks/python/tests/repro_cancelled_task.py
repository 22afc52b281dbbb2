"""Checks two server races around task steps, now fixed, stay fixed (not part of the suite: its name does not
match test*.py; WaitingStepRacesTest in agentplane-core drives the same interleavings deterministically).

1. A task opened after its execution was cancelled stays open and claimable: `runs` times, start an execution
   whose first step is a task and cancel it at once; count the cancelled executions left with an open task.
2. A task finished before its step run is recorded as waiting never wakes the run: `runs` times, start, claim the
   task the moment it opens and complete it; count the executions not completed 5 s later (they wait for the
   step's 1 h timeout).

Run it from sdks/python with the jar built: JAVA_HOME=... python3 tests/repro_cancelled_task.py [runs]
"""
import sys
import time

import test_live_server as live


def main(runs):
    live.setUpModule()
    try:
        client = live.admin()
        capability = live.named("race")
        workflow = live.named("race")
        client.create_workflow(live.task_workflow(workflow, capability))
        worker = client.create_agent(name=live.unique("worker"), capabilities=[capability])["id"]
        leaked = []
        for _ in range(runs):
            run = client.start_execution(workflow, {"topic": "race"})
            client.cancel_execution(run["id"])
            time.sleep(0.3)  # let the engine finish the step it may have claimed before the cancel
            for task in client.list_tasks(execution_id=run["id"]):
                if task["status"] == "open":
                    leaked.append(task)
        claimed = client.claim_task(agent_id=worker, capabilities=[capability], wait_seconds=0)
        print(f"{len(leaked)} of {runs} cancelled executions left an open task")
        if claimed:
            status = client.get_execution(claimed["execution_id"])["status"]
            print(f"claimed task {claimed['id']} (status {claimed['status']}, input {claimed['input']}) "
                  f"of an execution that is {status}")
        stuck = 0
        for _ in range(runs):
            run = client.start_execution(workflow, {"topic": "fast agent"})
            task = client.claim_task(agent_id=worker, capabilities=[capability], wait_seconds=10)
            while task["execution_id"] != run["id"]:  # a leaked task of part 1
                task = client.claim_task(agent_id=worker, capabilities=[capability], wait_seconds=10)
            client.complete_task(task["id"], {"findings": []})
            try:
                client.wait_for_execution(run["id"], timeout=5)
            except TimeoutError:
                stuck += 1
        print(f"{stuck} of {runs} executions whose task was completed at once were still running 5 s later")
        return 1 if leaked or stuck else 0
    finally:
        live.tearDownModule()


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50))
