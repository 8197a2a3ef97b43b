/**
 * What the vote path keeps of the ledger in memory, one per open database (decision 042): the
 * idempotency keys answered in the last days and what each voter did on the current days. Both
 * learn only from committed rows, in `seq` order, so they agree with the file whoever wrote it.
 */
import { KeptAnswers } from "./answers.ts";
import { VoterDays } from "./voter-days.ts";

export interface VoteMemory {
  answers: KeptAnswers;
  voterDays: VoterDays;
}

export const newVoteMemory = (): VoteMemory => ({ answers: new KeptAnswers(), voterDays: new VoterDays() });
