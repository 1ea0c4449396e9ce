import {
  integrationStatus,
  listIntegrations,
  manualSync,
  updateAutomation,
} from '../../handlers/integrations';
import { ManualSyncInput, UpdateAutomationInput, UserScopeInput } from '../../handlers/schemas';
import { accountsOf, connectUrl, disconnectFor, selectAccountsFor } from '../../linking/procedures';
import { AccountsInput, ConnectUrlInput, DisconnectInput, SelectAccountsInput } from '../../linking/schemas';
import { adminProcedure, authedProcedure, cronAllowedProcedure, router } from '../init';

export const integrationsRouter = router({
  list: cronAllowedProcedure
    .input(UserScopeInput.default({}))
    .query(({ ctx, input }) => listIntegrations(ctx.caller, input)),
  status: cronAllowedProcedure
    .input(UserScopeInput.default({}))
    .query(({ ctx, input }) => integrationStatus(ctx.caller, input)),
  manualSync: cronAllowedProcedure
    .input(ManualSyncInput)
    .mutation(({ ctx, input }) => manualSync(ctx.caller, input)),
  // Admins only: cadence and lookback decide how many platform calls a tenant costs.
  updateAutomation: adminProcedure
    .input(UpdateAutomationInput)
    .mutation(({ ctx, input }) => updateAutomation(ctx.caller, input)),
  // Linking (src/server/linking): start OAuth, choose accounts, unlink. Never the cron key: unlinking
  // revokes grants at the platforms, and choosing accounts starts backfills.
  connectUrl: authedProcedure
    .input(ConnectUrlInput)
    .mutation(({ ctx, input }) => connectUrl(ctx.caller, input)),
  accounts: authedProcedure.input(AccountsInput).query(({ ctx, input }) => accountsOf(ctx.caller, input)),
  selectAccounts: authedProcedure
    .input(SelectAccountsInput)
    .mutation(({ ctx, input }) => selectAccountsFor(ctx.caller, input)),
  disconnect: authedProcedure
    .input(DisconnectInput)
    .mutation(({ ctx, input }) => disconnectFor(ctx.caller, input)),
});
