from allauth.account.adapter import DefaultAccountAdapter


class StaffOnlyAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by an administrator or invited; nobody can sign themselves up.

    Young people and parent carers never need an account: surveys are anonymous.
    """

    def is_open_for_signup(self, request):
        return False
