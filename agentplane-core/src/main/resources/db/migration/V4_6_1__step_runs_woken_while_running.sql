-- A waiting step opens what it waits for (a task, an escalation, a handoff, a sub-workflow) before its worker records
-- it 'waiting'; what ends that thing fast (an agent finishing the task at once) may wake the run while it is still
-- 'running'. The wake-up then leaves this mark, and recording the run 'waiting' makes it due at once instead of at
-- its timeout (StepWakeups, StepRunRepository.await).
ALTER TABLE step_runs ADD COLUMN woken_while_running ${bool} NOT NULL DEFAULT FALSE;
