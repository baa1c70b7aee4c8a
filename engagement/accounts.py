from allauth.account.adapter import DefaultAccountAdapter


class StaffOnlyAccountAdapter(DefaultAccountAdapter):
    """Staff accounts are created by an administrator or invited; nobody can sign themselves up.

    Young people and parent carers never need an account: surveys are anonymous.
    """

    # settings.ACCOUNT_RATE_LIMITS refuses the 6th wrong password in 5 minutes: say what to do.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": (
            "Too many wrong passwords for this account. Wait 5 minutes and try again, "
            'or choose "Forgotten your password?".'
        ),
    }

    def is_open_for_signup(self, request):
        return False
