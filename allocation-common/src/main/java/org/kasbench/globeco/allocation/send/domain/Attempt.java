package org.kasbench.globeco.allocation.send.domain;

/**
 * One run of a batch: its own send-job instance and its own file, under the lease of the
 * process that runs it. Every write an attempt makes checks that {@code leaseOwner} still
 * holds the batch; a null owner stands for a batch handed to a worker that has not taken
 * it yet.
 */
public record Attempt(int batchId, int number, String leaseOwner) {
}
