"""The record's room: the pages that show a person's record, on each of its three sides.

- the team's side: the person page, starting and ending support, the key worker, a conversation;
- the person's own side (`/my/...`): their whole record, who has looked at it, signing in;
- the side of someone they share with (`/shared/...`): exactly what is shared, nothing else;

and the access log page and the people API. Views only: what they read and change comes through the
access policy (`livingwell.access`) and the services of people, plans and the front door.
"""
