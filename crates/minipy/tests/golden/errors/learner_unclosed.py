print('unclosed
