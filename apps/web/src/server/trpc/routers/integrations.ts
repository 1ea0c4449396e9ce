import { integrationStatus, listIntegrations, manualSync, updateAutomation } from '../../api/integrations';
import { ManualSyncInput, UpdateAutomationInput, UserScopeInput } from '../../api/schemas';
import { callerProcedure, router } from '../init';

export const integrationsRouter = router({
  list: callerProcedure
    .input(UserScopeInput.default({}))
    .query(({ ctx, input }) => listIntegrations(ctx.caller, input)),
  status: callerProcedure
    .input(UserScopeInput.default({}))
    .query(({ ctx, input }) => integrationStatus(ctx.caller, input)),
  manualSync: callerProcedure
    .input(ManualSyncInput)
    .mutation(({ ctx, input }) => manualSync(ctx.caller, input)),
  updateAutomation: callerProcedure
    .input(UpdateAutomationInput)
    .mutation(({ ctx, input }) => updateAutomation(ctx.caller, input)),
});
