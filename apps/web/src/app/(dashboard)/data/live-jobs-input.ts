/** How many recent jobs the dashboard keeps live (the overview's list and each card's live job). */
export const recentJobsInput = { limit: 20 } as const;
