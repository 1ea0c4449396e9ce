import { ReturnToSchema } from '@cohorts/core';
import { z } from 'zod';
import { providerIdField, userIdField } from '../handlers/schemas';

export const ConnectUrlInput = z.object({
  providerId: providerIdField,
  /** Where the dashboard should land after the callback (a path on this site). */
  returnTo: ReturnToSchema.optional(),
});

export const AccountsInput = z.object({ providerId: providerIdField, userId: userIdField.optional() });

export const SelectAccountsInput = z.object({
  providerId: providerIdField,
  userId: userIdField.optional(),
  /** Empty: sync every non-manager account of the login. */
  accountIds: z
    .array(
      z.string({ error: 'must be an ad account id (a string)' }).min(1, { error: 'must not be empty' }),
      {
        error: 'must be a list of ad account ids',
      },
    )
    .max(500, { error: 'must list at most 500 accounts' }),
});

export const DisconnectInput = z.object({ providerId: providerIdField, userId: userIdField.optional() });
